/** The page's entry: global theme tokens, then the app element (which registers the rest). */
import './styles/theme.css';
import './components/hooklab-app.ts';
