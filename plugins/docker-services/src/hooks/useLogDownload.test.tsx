import { TestApiProvider } from '@backstage/frontend-test-utils';
import { act, renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import {
  DockerServicesApi,
  dockerServicesApiRef,
} from '../api/DockerServicesApi';
import { useLogDownload } from './useLogDownload';

const target = {
  entityRef: { kind: 'component', namespace: 'default', name: 'shop-web' },
  host: 'local',
  id: 'a'.repeat(64),
};

/** The file the browser was given: its name and its text. */
async function downloaded(run: () => Promise<void>) {
  let blob: Blob | undefined;
  let name: string | undefined;
  const createObjectURL = jest.fn((b: Blob) => {
    blob = b;
    return 'blob:log';
  });
  Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
  const click = jest
    .spyOn(HTMLAnchorElement.prototype, 'click')
    .mockImplementation(function clicked(this: HTMLAnchorElement) {
      name = this.download;
    });
  await act(run);
  click.mockRestore();
  return { name, text: await blob!.text() };
}

describe('useLogDownload', () => {
  const downloadLogs = jest.fn(async () => ({
    blob: new Blob(['started\nERROR db down\nserving\nerror again\n']),
    fileName: 'shop-web-1-20261205T110000Z.log',
  }));
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider
      apis={[
        [
          dockerServicesApiRef,
          { downloadLogs } as unknown as DockerServicesApi,
        ],
      ]}
    >
      {children}
    </TestApiProvider>
  );

  it('keeps only the lines the search finds, in a file named after the container and the time range', async () => {
    const { result } = renderHook(
      () =>
        useLogDownload(
          { kind: 'container', target },
          {
            since: '2026-12-05T10:00:00Z',
            until: '2026-12-05T11:00:00Z',
            timestamps: false,
          },
          { fileBase: 'demo-shop-web-2', search: 'error' },
        ),
      { wrapper },
    );
    const file = await downloaded(result.current.run);
    expect(file.name).toBe(
      'demo-shop-web-2_2026-12-05T10-00_to_2026-12-05T11-00.log',
    );
    expect(file.text).toBe('ERROR db down\nerror again\n');
    expect(downloadLogs).toHaveBeenCalledWith(target, {
      since: '2026-12-05T10:00:00Z',
      until: '2026-12-05T11:00:00Z',
      timestamps: false,
    });
  });

  it('keeps every line without a search; the latest lines run from the first one shown to now', async () => {
    const { result } = renderHook(
      () =>
        useLogDownload(
          { kind: 'container', target },
          { tail: 500, timestamps: true },
          {
            fileBase: 'demo-shop-web-2',
            from: '2026-12-05T09:12:03.5Z',
            search: '',
          },
        ),
      { wrapper },
    );
    const file = await downloaded(result.current.run);
    expect(file.name).toMatch(
      /^demo-shop-web-2_2026-12-05T09-12_to_\d{4}-\d\d-\d\dT\d\d-\d\d\.log$/,
    );
    expect(file.text).toBe('started\nERROR db down\nserving\nerror again\n');
  });
});
