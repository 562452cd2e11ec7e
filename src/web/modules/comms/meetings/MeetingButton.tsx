/** Start or join the conversation's video meeting (filled in with the meetings). */
export function MeetingButton(_props: { conversationId: string }) {
  return null;
}
