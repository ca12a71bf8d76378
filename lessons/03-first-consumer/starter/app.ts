import express from 'express';

const router = express.Router();

// The mock Stripe POSTs every event to this route (see the lesson for the full URL).
router.post('/webhooks/stripe', express.json(), (req, res) => {
  const event = req.body;

  // TODO 1: if `event` has no string `id` and `type`, answer 400 with a JSON error.
  // TODO 2: log the event's type and id.
  // TODO 3: answer 200 with JSON naming the event, e.g. { received: true, eventId: event.id }.
  void event;
  res.status(501).json({ error: 'Not implemented yet: finish this route (see the lesson).' });
});

export default router;
