/**
 * The WebRTC mesh of one meeting. Each pair of participants has one RTCPeerConnection; the one who
 * joins later offers to those already in. Descriptions are sent whole once ICE gathering is done
 * (no trickle: one signal per offer or answer). A collision of offers (both sides renegotiating at
 * once, e.g. two screen shares) is settled the "perfect negotiation" way: the polite side (the
 * larger user id) rolls back and answers, the impolite side ignores the other's offer.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { meetingApi, type Signal } from './api';

export interface Remote {
  userId: string;
  streams: MediaStream[];
}

interface Peer {
  pc: RTCPeerConnection;
  makingOffer: boolean;
  streams: Map<string, MediaStream>;
}

/** Gathering on a LAN or loopback ends in well under a second; a STUN server that does not answer must not hold the call. */
const GATHER_MS = 3000;

function gathered(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      pc.removeEventListener('icegatheringstatechange', check);
      clearTimeout(timer);
      resolve();
    };
    const check = () => pc.iceGatheringState === 'complete' && done();
    const timer = setTimeout(done, GATHER_MS);
    pc.addEventListener('icegatheringstatechange', check);
  });
}

export function useMesh(meetingId: string, me: string, iceServers: RTCIceServer[]) {
  const peers = useRef(new Map<string, Peer>());
  const local = useRef<MediaStream | null>(null);
  const screen = useRef<{ stream: MediaStream; senders: Map<string, RTCRtpSender> } | null>(null);
  const [remotes, setRemotes] = useState<Remote[]>([]);
  const [localStream, setLocalStream] = useState<MediaStream | null>(null);
  const [sharing, setSharing] = useState(false);
  const [mediaError, setMediaError] = useState<string | null>(null);

  const publish = useCallback(() => {
    setRemotes([...peers.current].map(([userId, p]) => ({ userId, streams: [...p.streams.values()] })));
  }, []);

  const sendDescription = useCallback(
    async (to: string, pc: RTCPeerConnection, kind: 'offer' | 'answer') => {
      await gathered(pc);
      const d = pc.localDescription!;
      await meetingApi.signal(meetingId, to, kind, { type: d.type, sdp: d.sdp });
    },
    [meetingId],
  );

  const peerFor = useCallback(
    (userId: string): Peer => {
      const existing = peers.current.get(userId);
      if (existing) return existing;
      const pc = new RTCPeerConnection({ iceServers });
      const peer: Peer = { pc, makingOffer: false, streams: new Map() };
      peers.current.set(userId, peer);
      for (const track of local.current?.getTracks() ?? []) pc.addTrack(track, local.current!);
      if (screen.current) screen.current.senders.set(userId, pc.addTrack(screen.current.stream.getVideoTracks()[0], screen.current.stream));
      pc.ontrack = (e) => {
        const stream = e.streams[0] ?? new MediaStream([e.track]);
        peer.streams.set(stream.id, stream);
        e.track.onended = () => {
          if (!stream.getTracks().some((t) => t.readyState === 'live')) peer.streams.delete(stream.id);
          publish();
        };
        stream.onremovetrack = () => {
          if (!stream.getTracks().length) peer.streams.delete(stream.id);
          publish();
        };
        publish();
      };
      pc.onnegotiationneeded = async () => {
        try {
          peer.makingOffer = true;
          await pc.setLocalDescription();
          await sendDescription(userId, pc, 'offer');
        } catch {
          // the peer left meanwhile (PEER_GONE): the meeting update closes this connection
        } finally {
          peer.makingOffer = false;
        }
      };
      publish();
      return peer;
    },
    [iceServers, publish, sendDescription],
  );

  const drop = useCallback(
    (userId: string) => {
      const p = peers.current.get(userId);
      if (!p) return;
      p.pc.close();
      peers.current.delete(userId);
      publish();
    },
    [publish],
  );

  /** A signal's id arrived over the socket: fetch it and act. */
  const onSignal = useCallback(
    async (signalId: string) => {
      let s: Signal;
      try {
        s = await meetingApi.readSignal(signalId);
      } catch {
        return;
      }
      if (s.meetingId !== meetingId) return;
      if (s.kind === 'bye') return drop(s.from);
      const peer = peerFor(s.from);
      const pc = peer.pc;
      const description = s.data as RTCSessionDescriptionInit;
      if (s.kind === 'offer') {
        const collision = peer.makingOffer || pc.signalingState !== 'stable';
        const polite = me > s.from;
        if (collision && !polite) return;
        await pc.setRemoteDescription(description); // rolls back our own offer when there was one
        await pc.setLocalDescription();
        await sendDescription(s.from, pc, 'answer');
      } else if (s.kind === 'answer' && pc.signalingState === 'have-local-offer') {
        await pc.setRemoteDescription(description);
      }
    },
    [meetingId, me, peerFor, drop, sendDescription],
  );

  /** Camera and microphone, or what there is of them (a meeting can be followed without either). */
  const start = useCallback(async () => {
    if (!navigator.mediaDevices?.getUserMedia) {
      setMediaError('insecure');
      return null;
    }
    for (const constraints of [{ video: true, audio: true }, { video: true, audio: false }, { video: false, audio: true }]) {
      try {
        const stream = await navigator.mediaDevices.getUserMedia(constraints);
        local.current = stream;
        setLocalStream(stream);
        return stream;
      } catch (err) {
        setMediaError((err as Error).name || 'error');
      }
    }
    return null;
  }, []);

  /** The newcomer offers to everyone already there. */
  const connectTo = useCallback((userIds: string[]) => {
    for (const u of userIds) if (u !== me) peerFor(u);
  }, [me, peerFor]);

  /** Keep only the connections of those still present. */
  const retain = useCallback((present: string[]) => {
    for (const u of [...peers.current.keys()]) if (!present.includes(u)) drop(u);
  }, [drop]);

  const shareScreen = useCallback(async () => {
    const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    const track = stream.getVideoTracks()[0];
    const senders = new Map<string, RTCRtpSender>();
    for (const [userId, p] of peers.current) senders.set(userId, p.pc.addTrack(track, stream)); // renegotiates
    screen.current = { stream, senders };
    setSharing(true);
    track.onended = () => void stopShare();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const stopShare = useCallback(async () => {
    const s = screen.current;
    if (!s) return;
    screen.current = null;
    for (const [userId, sender] of s.senders) {
      const p = peers.current.get(userId);
      if (p && p.pc.signalingState !== 'closed') p.pc.removeTrack(sender);
    }
    s.stream.getTracks().forEach((t) => t.stop());
    setSharing(false);
  }, []);

  const close = useCallback(() => {
    for (const u of [...peers.current.keys()]) drop(u);
    local.current?.getTracks().forEach((t) => t.stop());
    screen.current?.stream.getTracks().forEach((t) => t.stop());
    local.current = null;
    screen.current = null;
    setLocalStream(null);
    setSharing(false);
  }, [drop]);

  useEffect(() => close, [close]);

  const toggle = useCallback((kind: 'audio' | 'video', on: boolean) => {
    for (const t of local.current?.getTracks() ?? []) if (t.kind === kind) t.enabled = on;
  }, []);

  return { start, connectTo, retain, onSignal, shareScreen, stopShare, close, toggle, remotes, localStream, sharing, mediaError };
}
