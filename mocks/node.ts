import { setupServer } from 'msw/node';
import { handlers } from './handlers.ts';

/** The side-effect APIs intercepted in Node ("your app" and tests). */
export const server = setupServer(...handlers);
