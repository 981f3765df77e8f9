import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startRecording } from './state/recording';
import { exposeForTests } from './testHooks';
import { isScreeningPath } from './screening/paths';
import './ui/styles.css';

/** Start-up mark: the entry chunk and its static imports have run (read by tools/bench). */
performance.mark('redtour:main');
exposeForTests();
// A group screening records through the server when attendance is confirmed, not per window.
if (!isScreeningPath(location.pathname)) startRecording();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
