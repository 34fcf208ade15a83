import express from 'express';
import Router from 'express-promise-router';
import { dockerContainerReadPermission } from '@internal/backstage-plugin-docker-services-common';
import { ContainerService } from './service/ContainerService';
import { EntityAuthorizer } from './service/EntityAuthorizer';

const ENTITY = '/entities/:kind/:namespace/:name';

/** Declares the HTTP routes; each parses input, authorizes, and calls a service. */
export async function createRouter(options: {
  authorizer: EntityAuthorizer;
  containers: ContainerService;
}): Promise<express.Router> {
  const { authorizer, containers } = options;
  const router = Router();
  router.use(express.json({ limit: '16kb' }));

  // The entity's containers on each of its hosts.
  router.get(`${ENTITY}/containers`, async (req, res) => {
    const { entity } = await authorizer.authorize(
      req,
      dockerContainerReadPermission,
    );
    res.json(await containers.listContainers({ entity }));
  });

  return router;
}
