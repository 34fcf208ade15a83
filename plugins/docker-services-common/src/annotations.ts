/**
 * `key=value[,key=value…]`: the entity's containers are those whose labels
 * match every pair.
 *
 * @public
 */
export const ANNOTATION_LABEL_SELECTOR = 'docker-services/label-selector';

/**
 * `project` or `project/service`: shorthand for the labels Docker Compose
 * puts on containers (`com.docker.compose.project` / `.service`).
 *
 * @public
 */
export const ANNOTATION_COMPOSE = 'docker-services/compose';

/**
 * Optional comma-separated names of configured Docker hosts to search.
 * Without it, every configured host is searched.
 *
 * @public
 */
export const ANNOTATION_HOSTS = 'docker-services/hosts';

/**
 * `disabled` turns off the notifications to the entity's owners when one of
 * its containers stops unexpectedly, turns unhealthy or keeps restarting.
 *
 * @public
 */
export const ANNOTATION_NOTIFICATIONS = 'docker-services/notifications';

/** Labels Docker Compose puts on the containers it creates. @public */
export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';
/** @public */
export const COMPOSE_SERVICE_LABEL = 'com.docker.compose.service';

/**
 * The container label that binds a container to a catalog entity: the
 * entity's full ref in lower case, such as `component:default/shop-web`.
 * Whoever can set labels on a container already has Docker access, so this
 * label is trusted; a catalog annotation alone is not (see the backend's
 * README, "How containers are bound to components").
 *
 * @public
 */
export const ENTITY_LABEL = 'docker-services.entity';
