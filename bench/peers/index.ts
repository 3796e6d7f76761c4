import type { Peer } from '../engines/contender.js';
import { cedarPeers } from './cedar-wasm.js';
import { iamSimulatePeer } from './iam-simulate.js';
import { pbacPeer } from './pbac.js';

/** Every peer, in the order they run and are reported. */
export const PEERS: Peer[] = [...cedarPeers, pbacPeer, iamSimulatePeer];
