export { TerraformCard } from './TerraformCard';
