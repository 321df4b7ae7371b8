import { type NetworkInterfaceInfo } from "node:os";

import { describe, expect, it } from "vitest";

import { lanUrls } from "../src/lan";

const entry = (address: string, family: "IPv4" | "IPv6", internal: boolean) =>
  ({ address, family, internal, netmask: "", mac: "", cidr: null }) as NetworkInterfaceInfo;

const interfaces = {
  lo: [entry("127.0.0.1", "IPv4", true), entry("::1", "IPv6", true)],
  wlan0: [entry("192.168.1.20", "IPv4", false), entry("fe80::1", "IPv6", false)],
  eth0: [entry("10.0.0.7", "IPv4", false)],
};

describe("lanUrls", () => {
  it("lists each external IPv4 address when the server listens on every interface", () => {
    expect(lanUrls("0.0.0.0", 4000, interfaces)).toEqual([
      "http://192.168.1.20:4000",
      "http://10.0.0.7:4000",
    ]);
    expect(lanUrls("::", 4100, { wlan0: interfaces.wlan0 })).toEqual(["http://192.168.1.20:4100"]);
  });

  it("lists nothing when the server listens on one address", () => {
    expect(lanUrls("127.0.0.1", 4000, interfaces)).toEqual([]);
    expect(lanUrls("192.168.1.20", 4000, interfaces)).toEqual([]);
  });
});
