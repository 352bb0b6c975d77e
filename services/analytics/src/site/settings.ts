import type { ServiceContext } from "@quire/service-kit";
import { assertTimeZone, siteDay } from "./site-day";
import { DEV_IP_SALT } from "./visitor";

export interface AnalyticsOptions {
  /** The clock; tests move it across a site-day boundary. */
  now?: () => Date;
}

export interface SiteSettings {
  timeZone: string;
  ipSalt: string;
  now: () => Date;
  today: () => string;
}

export function siteSettings(ctx: ServiceContext, options: AnalyticsOptions): SiteSettings {
  const timeZone = assertTimeZone(ctx.config.env.SITE_TIMEZONE || "Asia/Seoul");
  const now = options.now ?? (() => new Date());
  return {
    timeZone,
    ipSalt: ctx.config.env.QUIRE_IP_SALT || DEV_IP_SALT,
    now,
    today: () => siteDay(now(), timeZone),
  };
}
