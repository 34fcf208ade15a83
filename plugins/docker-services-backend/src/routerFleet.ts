import { AuditorService } from '@backstage/backend-plugin-api';
import { Router } from 'express';
import { FleetService } from './fleet/FleetService';
import { fleetMineQuery, fleetQuery, parse } from './routerSchemas';
import { auditedRead } from './service/auditedRead';
import { EntityAuthorizer } from './service/EntityAuthorizer';

/**
 * The fleet view's routes, about no one entity: the search across every
 * host, and the signed-in person's own services.
 */
export function addFleetRoutes(
  router: Router,
  options: {
    authorizer: EntityAuthorizer;
    fleet: FleetService;
    auditor: AuditorService;
  },
) {
  const { authorizer, fleet, auditor } = options;

  // Containers across every host: who they belong to and whom to ask.
  router.get('/fleet/containers', async (req, res) => {
    const { q, limit } = parse(fleetQuery, req.query, 'query');
    const credentials = await authorizer.userCredentials(req);
    res.json(
      await auditedRead(
        auditor,
        { req, eventId: 'fleet-search', meta: {} },
        () => fleet.search({ credentials, q, limit }),
      ),
    );
  });

  // The caller's own services (owned by them or their groups), worst first.
  router.get('/fleet/mine', async (req, res) => {
    parse(fleetMineQuery, req.query, 'query');
    const credentials = await authorizer.userCredentials(req);
    res.json(
      await auditedRead(auditor, { req, eventId: 'fleet-mine', meta: {} }, () =>
        fleet.mine(credentials),
      ),
    );
  });
}
