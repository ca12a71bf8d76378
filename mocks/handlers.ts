import { http, HttpResponse } from 'msw';

/**
 * The fake side-effect APIs that "your app" calls: SMS, email and chat. One list, shared by the
 * app process, the browser demo and tests (tests override with `server.use()`).
 */
export const SMS_API = 'https://sms.hooklab.test/v1/messages';
export const EMAIL_API = 'https://email.hooklab.test/v1/send';
export const CHAT_API = 'https://chat.hooklab.test/v1/messages';

let nextId = 1;

async function jsonBody(request: Request): Promise<Record<string, unknown> | undefined> {
  try {
    const body: unknown = await request.json();
    return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function missing(fields: string[], body: Record<string, unknown> | undefined): string[] {
  return fields.filter((field) => typeof body?.[field] !== 'string' || body[field] === '');
}

function sideEffect(kind: string, required: string[]) {
  return async ({ request }: { request: Request }) => {
    const body = await jsonBody(request);
    const absent = missing(required, body);
    if (absent.length) {
      return HttpResponse.json(
        { error: { message: `Missing ${absent.join(', ')}: send a JSON body with ${required.map((f) => `"${f}"`).join(', ')} (strings).` } },
        { status: 400 },
      );
    }
    return HttpResponse.json({ id: `${kind}_${nextId++}`, status: 'queued', ...body }, { status: 201 });
  };
}

export const handlers = [
  http.post(SMS_API, sideEffect('sms', ['to', 'body'])),
  http.post(EMAIL_API, sideEffect('email', ['to', 'subject', 'text'])),
  http.post(CHAT_API, sideEffect('chat', ['channel', 'text'])),
];
