interface Peer {
  id: string;
  lastSeen: number;
}

export function alive(peers: Peer[], now: number): Peer[] {
  return peers.filter((p) => now - p.lastSeen < 5000);
}
