package raft

import "time"

// Node is one member of the cluster.
type Node struct {
	ID      int
	timeout time.Duration
}

func (n *Node) Tick(elapsed time.Duration) bool {
	n.timeout -= elapsed
	return n.timeout <= 0 && n.ID != 0
}
