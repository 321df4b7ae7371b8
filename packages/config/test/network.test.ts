import { type NetworkInterfaceInfo } from "node:os";

import { describe, expect, it } from "vitest";

import { devHosts, isWildcardHost, lanAddresses } from "../src/network";

const interfaces = {
  lo: [
    {
      address: "127.0.0.1",
      family: "IPv4",
      internal: true,
      netmask: "255.0.0.0",
      mac: "",
      cidr: null,
    },
    {
      address: "::1",
      family: "IPv6",
      internal: true,
      netmask: "",
      mac: "",
      cidr: null,
      scopeid: 0,
    },
  ],
  eth0: [
    {
      address: "192.168.1.20",
      family: "IPv4",
      internal: false,
      netmask: "255.255.255.0",
      mac: "",
      cidr: null,
    },
    {
      address: "fe80::1",
      family: "IPv6",
      internal: false,
      netmask: "",
      mac: "",
      cidr: null,
      scopeid: 2,
    },
  ],
  wlan0: [
    {
      address: "10.0.0.5",
      family: "IPv4",
      internal: false,
      netmask: "255.0.0.0",
      mac: "",
      cidr: null,
    },
  ],
} as const satisfies NodeJS.Dict<NetworkInterfaceInfo[]>;

describe("lanAddresses", () => {
  it("lists non-loopback IPv4 addresses only", () => {
    expect(lanAddresses(interfaces)).toEqual(["192.168.1.20", "10.0.0.5"]);
  });

  it("is empty on a machine with loopback only", () => {
    expect(lanAddresses({ lo: interfaces.lo })).toEqual([]);
  });
});

describe("devHosts", () => {
  it("is localhost, 127.0.0.1, the LAN addresses and the extra hosts, each once", () => {
    expect(devHosts(["dev.example.test", "*.tunnel.test", "localhost"], interfaces)).toEqual([
      "localhost",
      "127.0.0.1",
      "192.168.1.20",
      "10.0.0.5",
      "dev.example.test",
      "*.tunnel.test",
    ]);
  });
});

describe("isWildcardHost", () => {
  it("knows the any-address hosts", () => {
    expect(["0.0.0.0", "::", "127.0.0.1", "localhost"].map(isWildcardHost)).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
