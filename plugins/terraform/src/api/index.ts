export { terraformApiRef, type TerraformApi } from './TerraformApi';
export { TerraformClient } from './TerraformClient';
