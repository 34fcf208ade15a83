/**
 * The docker-services backend plugin: maps catalog entities to the Docker
 * containers that run them, on one or many engines, at
 * `/api/docker-services`.
 *
 * @packageDocumentation
 */

export { dockerServicesPlugin as default } from './plugin';
