import { Config } from '@backstage/config';

/** `dockerServices.notifications`, with defaults. */
export interface NotificationSettings {
  enabled: boolean;
  /** How long a container must stay fine before "running again" is sent. */
  quietMs: number;
  loopDeaths: number;
  loopWindowMs: number;
  /** One "ask the owners" per person and container within this time. */
  askIntervalMs: number;
  /** Asks one person may make in an hour, about all containers together. */
  askMaxPerHour: number;
  /** Hosts whose containers never notify (`hosts[].notifications: false`). */
  silentHosts: Set<string>;
}

export function readNotificationSettings(config: Config): NotificationSettings {
  const root = config.getOptionalConfig('dockerServices');
  const own = root?.getOptionalConfig('notifications');
  const positive = (key: string, fallback: number) => {
    const value = own?.getOptionalNumber(key) ?? fallback;
    if (!(value > 0)) {
      throw new Error(
        `dockerServices.notifications.${key} must be a positive number, not ${value}`,
      );
    }
    return value;
  };
  const silentHosts = new Set<string>();
  for (const host of root?.getOptionalConfigArray('hosts') ?? []) {
    if (host.getOptionalBoolean('notifications') === false) {
      silentHosts.add(host.getString('name'));
    }
  }
  return {
    enabled: own?.getOptionalBoolean('enabled') ?? true,
    quietMs: positive('quietSeconds', 120) * 1000,
    loopDeaths: Math.ceil(positive('restartLoopDeaths', 3)),
    loopWindowMs: positive('restartLoopWindowSeconds', 600) * 1000,
    askIntervalMs: positive('askIntervalSeconds', 600) * 1000,
    askMaxPerHour: Math.ceil(positive('askMaxPerHour', 10)),
    silentHosts,
  };
}
