import { screen, within } from '@testing-library/react';
import {
  containerWith,
  fakeApi,
  fastUser,
  responseWith,
  rowButton,
  UI_TEST_TIMEOUT_MS,
} from './__testUtils__/servicesFixtures';
import { renderServicesContent } from './__testUtils__/renderServicesContent';

const conflictMessage =
  'This container on host local is bound to component:default/billing (by an admin rule in the portal configuration) and component:default/shop-web (by its docker-services.entity label), so nobody can start, stop, restart it or read its logs here until that is resolved: whoever deploys the container can correct its label; a portal admin can correct the rule.';

// Every test renders the page and waits for it; a cold jest cache on a busy
// two-core machine needs far more than jest's default 5 s for that.
jest.setTimeout(UI_TEST_TIMEOUT_MS);

describe('ServicesContent and how containers are bound', () => {
  it('says on the row that a container is bound to several entities, and nobody may act on it', async () => {
    const conflicted = containerWith({
      name: 'shared-db-1',
      state: 'running',
      conflict: {
        entityRefs: ['component:default/billing', 'component:default/shop-web'],
        message: conflictMessage,
      },
    });
    const api = fakeApi(
      Promise.resolve(
        responseWith({
          name: 'local',
          status: 'ok',
          containers: [conflicted],
        }),
      ),
    );
    await renderServicesContent(api);

    const sentence = await screen.findByTestId('container-conflict');
    expect(sentence).toHaveTextContent(conflictMessage);
    expect(sentence).toBeVisible();
    const row = sentence.closest('tr')!;
    expect(within(row).getByText('shared-db-1')).toBeInTheDocument();
    for (const name of [
      'Logs of shared-db-1',
      'Start shared-db-1',
      'Stop shared-db-1',
      'Restart shared-db-1',
    ]) {
      const button = rowButton(row, name);
      expect(button).toBeDisabled();
      expect(button).toHaveAccessibleDescription(conflictMessage);
    }
  });

  it("says in one line that a host has none of the entity's containers, and why on request", async () => {
    const emptyReason =
      'No container on host build-01 is bound to this entity. A container belongs to component:default/shop-web when it carries the label docker-services.entity=component:default/shop-web (set where it is deployed, such as in its Compose file) or when a portal admin binds it with a rule. This host does not take catalog annotations alone as proof, so an annotation only narrows what is shown.';
    const api = fakeApi(
      Promise.resolve(
        responseWith({
          name: 'build-01',
          status: 'ok',
          containers: [],
          emptyReason,
        }),
      ),
    );
    await renderServicesContent(api);

    // One line, no card; why none, on request.
    const empty = await screen.findByTestId('empty-host-build-01');
    expect(empty).toHaveTextContent(
      /^No containers of this component on host build-01\. Why none\?$/,
    );
    expect(within(empty).queryByText(emptyReason)).toBeNull();
    const why = within(empty).getByRole('button', { name: 'Why none?' });
    expect(why).toHaveAttribute('aria-expanded', 'false');
    await fastUser().click(why);
    expect(why).toHaveAttribute('aria-expanded', 'true');
    expect(within(empty).getByText(emptyReason)).toBeVisible();
    expect(why).toHaveAttribute(
      'aria-controls',
      within(empty).getByText(emptyReason).id,
    );
  });
});
