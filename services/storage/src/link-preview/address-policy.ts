import ipaddr from "ipaddr.js";

/** Decides whether the fetcher may connect to an IP address (canonical IPv4 or IPv6 text). */
export type AddressPolicy = (address: string) => boolean;

/**
 * Only global unicast addresses: refuses loopback, private (10/8, 172.16/12, 192.168/16), carrier-grade NAT
 * (100.64/10), unique local (fc00::/7), link-local (169.254/16 with the cloud metadata address, fe80::/10),
 * unspecified, broadcast, multicast, reserved and documentation ranges. An IPv4-mapped IPv6 address is
 * judged as the IPv4 address it carries; other IPv6 forms that embed IPv4 (NAT64, 6to4, Teredo) are refused.
 */
export const publicAddressesOnly: AddressPolicy = (address) => {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) {
    ip = (ip as ipaddr.IPv6).toIPv4Address();
  }
  return ip.range() === "unicast";
};
