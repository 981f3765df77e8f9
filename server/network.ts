import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

/** Interface names of virtual bridges that a headset on the room's Wi-Fi can never reach. */
const VIRTUAL_INTERFACE =
  /^(docker\d*|br-[0-9a-f]{6,}|veth|virbr|vboxnet|vmnet|podman|cni|flannel|cali|weave|lxcbr|lxdbr|kube|vEthernet|utun|awdl|llw|zt)/i;

/** Interfaces that are most likely the room's Wi-Fi or wired LAN, listed first. */
const PREFERRED_INTERFACE = /^(wl|wlan|wi-?fi|en|eth|以太网|无线)/i;

/** True for 10/8, 172.16/12 and 192.168/16: the addresses a home or school router hands out. */
export function isPrivateIPv4(address: string): boolean {
  const [a, b] = address.split('.').map(Number);
  if (a === 10) return true;
  if (a === 192 && b === 168) return true;
  return a === 172 && b !== undefined && b >= 16 && b <= 31;
}

function isIPv4(info: NetworkInterfaceInfo): boolean {
  // Node 18.0–18.3 reported `family` as a number.
  return info.family === 'IPv4' || (info.family as unknown) === 4;
}

/**
 * The machine's IPv4 addresses that other devices on the LAN can reach: no loopback,
 * no link-local (169.254.*), no Docker/VM bridges. Private-range addresses on Wi-Fi or
 * Ethernet interfaces come first, so the first entry is the best one to show a headset.
 */
export function lanIPv4Addresses(
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): string[] {
  const found: { address: string; score: number; order: number }[] = [];
  let order = 0;
  for (const [name, infos] of Object.entries(interfaces)) {
    if (!infos || VIRTUAL_INTERFACE.test(name)) continue;
    for (const info of infos) {
      if (!isIPv4(info) || info.internal) continue;
      if (info.address.startsWith('169.254.') || info.address.startsWith('127.')) continue;
      if (found.some((f) => f.address === info.address)) continue;
      const score = (isPrivateIPv4(info.address) ? 2 : 0) + (PREFERRED_INTERFACE.test(name) ? 1 : 0);
      found.push({ address: info.address, score, order: order++ });
    }
  }
  found.sort((x, y) => y.score - x.score || x.order - y.order);
  return found.map((f) => f.address);
}
