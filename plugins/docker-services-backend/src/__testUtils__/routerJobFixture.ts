import { shopLabels } from './routerApp';

/** The labels of a job of `shop` that is retried twice, five minutes apart. */
export const jobLabels = {
  ...shopLabels,
  'docker-services.job': 'true',
  'docker-services.job.retries': '2',
  'docker-services.job.retry-delay': '5m',
};

/** The router's path of the entity `shop`. */
export const shopBase = '/entities/component/default/shop';
