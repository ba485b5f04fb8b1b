export { ForgejoCiCard } from './ForgejoCiCard';
