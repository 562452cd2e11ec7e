/** Shapes of /api/v1/comms answers (the server's present.ts). */
export type SubjectType = 'flow_instance' | 'hazard' | 'warning';

export interface RecordCard {
  type: SubjectType;
  id: string;
  visible: boolean;
  code: string | null;
  title: string | null;
  status: string | null;
  path: string | null;
}

export interface Conversation {
  id: string;
  kind: 'direct' | 'department' | 'record';
  title: string;
  departmentId: string | null;
  subject: RecordCard | null;
  unread: number;
  lastSeq: number;
  lastReadSeq: number;
  lastMessage: { body: string | null; author: string | null; withdrawn: boolean } | null;
  lastMessageAt: string | null;
}

export interface ConversationDetail extends Conversation {
  members: { id: string; displayName: string; departmentId: string | null }[];
  can: { post: boolean; meet: boolean };
}

export interface Person {
  id: string;
  displayName: string;
}

export interface ChatFile {
  id: string;
  mime: string;
  size: number;
  name: string;
  width: number | null;
  height: number | null;
  url: string;
  thumbUrl: string | null;
}

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  kind: 'text' | 'system';
  author: Person | null;
  mine: boolean;
  body: string | null;
  withdrawn: boolean;
  edited: boolean;
  replyTo: { id: string; author: Person | null; body: string | null } | null;
  mentions: { users: Person[]; departments: { id: string; name: string }[] };
  files: ChatFile[];
  links: RecordCard[];
  createdAt: string;
  editedAt: string | null;
  version: number;
  can: { change: boolean };
  conversationTitle?: string;
}

export interface Directory {
  people: { id: string; displayName: string; username: string; departmentId: string | null; departmentName: string | null }[];
  departments: { id: string; name: string }[];
}

export interface NewMessage {
  body: string;
  replyTo?: string | null;
  mentions?: { userIds?: string[]; departmentIds?: string[] };
  files?: string[];
}
