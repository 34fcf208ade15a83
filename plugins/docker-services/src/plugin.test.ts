import { dockerServicesPlugin } from './plugin';

describe('docker-services', () => {
  it('should export plugin', () => {
    expect(dockerServicesPlugin).toBeDefined();
  });
});
