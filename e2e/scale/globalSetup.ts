/**
 * The scale project runs after the main suite in `./edp test`: it keeps what the main suite
 * captured for the secret scan (the main globalSetup clears it) and only waits for discovery.
 */
import { waitForDemoCatalog } from '../globalSetup';

export default waitForDemoCatalog;
