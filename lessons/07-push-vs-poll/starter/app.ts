import express from 'express';

// Nothing to write in this lesson: the push-versus-poll run uses routes the lab adds to your app.
const router = express.Router();

export default router;
