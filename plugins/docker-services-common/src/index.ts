/**
 * Annotations, permissions, selector parsing and wire types shared by the
 * docker-services frontend and backend plugins.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './permissions';
export * from './selector';
export * from './signals';
export * from './stripControlSequences';
export * from './exitCodes';
export * from './diagnosisTypes';
export * from './fleetTypes';
export * from './logTypes';
export * from './swarmTypes';
export * from './jobTypes';
export * from './statusTypes';
export * from './statsTypes';
export * from './pipelineTypes';
export * from './types';
export * from './swarmExplain';
