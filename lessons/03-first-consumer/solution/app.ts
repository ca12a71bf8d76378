import express from 'express';

const router = express.Router();

// The mock Stripe POSTs every event to this route (see the lesson for the full URL).
router.post('/webhooks/stripe', express.json(), (req, res) => {
  const event = req.body;

  if (typeof event?.id !== 'string' || typeof event?.type !== 'string') {
    res.status(400).json({ error: 'Expected a webhook event: a JSON object with a string "id" and "type".' });
    return;
  }

  console.log(`Received ${event.type} (${event.id})`);
  // Acknowledge first; any slow work belongs after this (lesson 10).
  res.json({ received: true, eventId: event.id });
});

export default router;
