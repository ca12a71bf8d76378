/** A learner handler with one route per way learner code can break "your app" (tests and benches). */
export const BREAKING_HANDLER = `import express from 'express';

const router = express.Router();
router.get('/version', (_req, res) => {
  res.json({ version: 1 });
});
router.post('/throw', () => {
  throw new Error('thrown in the handler');
});
router.post('/reject', (_req, res) => {
  Promise.reject(new Error('nobody caught me'));
  res.json({ ok: true });
});
router.post('/exit', () => {
  process.exit(3);
});
router.post('/loop', () => {
  for (;;) {}
});
const hog: number[][] = [];
router.post('/hog', () => {
  const grow = () => {
    hog.push(new Array(1_000_000).fill(Math.random()));
    setImmediate(grow);
  };
  grow();
});

export default router;
`;
