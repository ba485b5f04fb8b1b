import '@backstage/cli/asset-types';
import ReactDOM from 'react-dom/client';
import App from './App';
// Base styles (fonts, colours) of @backstage/ui, which the catalog's own cards are built with.
import '@backstage/ui/css/styles.css';

ReactDOM.createRoot(document.getElementById('root')!).render(<App />);
