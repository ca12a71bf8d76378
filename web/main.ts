/** The page's entry: global theme tokens, then the app element (which registers the rest). */
import './styles/theme.css';
import './components/hooklab-app.ts';
// Elements that lessons embed in their text (lesson.md is rendered as HTML).
import './components/push-vs-poll-view.ts';
