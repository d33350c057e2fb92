/** What a prefix list holds, as read from EC2 (entries undefined when it could not be read). */
export interface PrefixListInfo {
  readonly id: string;
  readonly name?: string;
  readonly ownerId?: string;
  readonly entries?: readonly string[];
  readonly error?: string;
}
