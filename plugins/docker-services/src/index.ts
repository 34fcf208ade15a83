export { dockerServicesPlugin as default } from './plugin';
