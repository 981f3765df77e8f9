import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PhoneApp } from './PhoneApp';
import './phone.css';

/** A member's phone in a group screening (`/j/<code>`): a small page of its own, without the 3D app. */
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PhoneApp />
  </StrictMode>,
);
