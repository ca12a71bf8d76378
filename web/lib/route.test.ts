import { expect, test } from 'vitest';
import { lessonHref, parseRoute } from './route.ts';

test('reads the lesson id from #/lessons/<id> and round-trips it through lessonHref', () => {
  expect(parseRoute('#/lessons/03-first-consumer')).toEqual({ lessonId: '03-first-consumer' });
  expect(parseRoute(lessonHref('03-first-consumer'))).toEqual({ lessonId: '03-first-consumer' });
});

test('treats any other hash as the empty route', () => {
  for (const hash of ['', '#', '#/', '#/lessons/', '#/other/03', '#/lessons/%E0%A4%A']) {
    expect(parseRoute(hash)).toEqual({ lessonId: null });
  }
});
