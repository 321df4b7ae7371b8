/**
 * What each action of the activity trail says to a person. Every key a
 * service records (`recordActivity` in @fastnext/core) has a sentence here:
 * `ActivityEntry.action` is typed by this catalogue, and core's
 * activity-catalogue test fails on a recorded key without an entry.
 */

/** The changed fields of an entry as the trail stores them (see core's diffRecords). */
export interface ActivityChanges {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** Reads one field of an entry's changes, newest side first, as a short text. */
export interface ActivityFields {
  text(field: string): string | undefined;
  before(field: string): string | undefined;
  after(field: string): string | undefined;
}

type Sentence = (fields: ActivityFields) => string;

/** `base` alone, or followed by the field's value when the entry kept it. */
function named(base: string, field = "name"): Sentence {
  return (fields) => {
    const value = fields.text(field);
    return value ? `${base} ${value}` : base;
  };
}

function fixed(text: string): Sentence {
  return () => text;
}

export const ACTIVITY_SENTENCES = {
  "auth.login": (f) => {
    const provider = f.after("provider");
    return provider ? `Signed in with ${provider}` : "Signed in";
  },
  "auth.login_challenge": fixed("Asked for a second factor"),
  "auth.logout": fixed("Signed out"),
  "auth.logout_all": fixed("Signed out on every device"),
  "auth.change_password": fixed("Changed the password"),
  "session.revoke": fixed("Ended a session"),
  "session.refresh": fixed("Renewed a session"),

  "user.register": fixed("Created an account"),
  "user.create": named("Created user"),
  "user.update": named("Updated user"),
  "user.activate": fixed("Reactivated a user"),
  "user.deactivate": fixed("Deactivated a user"),
  "user.set_roles": (f) => {
    const roles = f.after("roles");
    return roles ? `Set a user's roles to ${roles}` : "Changed a user's roles";
  },
  "user.promote_admin": fixed("Made a user an administrator"),
  "user.password_set": fixed("Set an administrator's password"),
  "user.password_reset_request": fixed("Asked for a password reset"),
  "user.password_reset": fixed("Reset the password"),
  "user.update_settings": fixed("Changed their settings"),
  "user.update_profile": fixed("Updated their profile"),
  "user.two_factor_setup": fixed("Started setting up two-factor authentication"),
  "user.two_factor_enable": fixed("Turned on two-factor authentication"),
  "user.two_factor_disable": fixed("Turned off two-factor authentication"),

  "identity.link": named("Linked an account of", "provider"),
  "identity.unlink": named("Unlinked an account of", "provider"),

  "role.create": named("Created role"),
  "role.update": named("Updated role"),
  "role.set_permissions": fixed("Changed a role's permissions"),
  "role.delete": named("Deleted role"),

  "project.create": named("Created project"),
  "project.update": (f) => {
    const before = f.before("name");
    const after = f.after("name");
    return before && after ? `Renamed project ${before} to ${after}` : "Updated a project";
  },
  "project.delete": named("Deleted project"),
  "project.archive": fixed("Archived a project"),
  "project.unarchive": fixed("Restored an archived project"),
  "project.member_add": (f) => {
    const role = f.after("role");
    return role ? `Added a member to a project as ${role}` : "Added a member to a project";
  },
  "project.member_role_change": (f) => {
    const role = f.after("role");
    return role ? `Changed a member's role to ${role}` : "Changed a member's role";
  },
  "project.member_remove": fixed("Removed a member from a project"),
  "project.invitation_create": (f) => {
    const email = f.after("email");
    return email ? `Invited ${email} to a project` : "Invited someone to a project";
  },
  "project.invitation_refresh": named("Sent a new invitation to", "email"),
  "project.invitation_revoke": named("Withdrew the invitation of", "email"),
  "project.invitation_accept": fixed("Accepted an invitation to a project"),
  "project.invitation_decline": fixed("Declined an invitation to a project"),
  "project.template_enable": (f) => {
    const key = f.text("templateKey");
    return key ? `Turned template ${key} back on for a project` : "Turned a template back on";
  },
  "project.template_disable": (f) => {
    const key = f.text("templateKey");
    return key ? `Turned template ${key} off for a project` : "Turned a template off";
  },

  "workflow_type.create": named("Created workflow type"),
  "workflow_type.update": named("Updated workflow type"),
  "workflow_type.delete": named("Deleted workflow type"),
  "workflow_template.create": (f) => {
    const name = f.text("name");
    const what = name ? `template ${name}` : "a template";
    return f.after("projectId") ? `Created ${what} for a project` : `Created ${what}`;
  },
  "workflow_template.update": named("Edited template"),
  "workflow_template.create_version": (f) => {
    const version = f.after("version");
    const name = f.text("name");
    const what = version ? `version ${version}` : "a new version";
    return name ? `Started ${what} of template ${name}` : `Started ${what} of a template`;
  },
  "workflow_template.publish": fixed("Published a template"),
  "workflow_template.archive": fixed("Archived a template"),
  "workflow_instance.create": named("Created item", "title"),
  "workflow_instance.assign": (f) =>
    f.after("assigneeId") ? "Assigned an item" : "Took the assignee off an item",
  "workflow_instance.transition": (f) => {
    const from = f.before("state");
    const to = f.after("state");
    return from && to ? `Moved an item from ${from} to ${to}` : "Moved an item";
  },
  "workflow_instance.timeout": (f) => {
    const to = f.after("state");
    return to ? `An item timed out and moved to ${to}` : "An item timed out and moved on";
  },
  "workflow_instance.import_state": (f) => {
    const to = f.after("state");
    return to ? `Imported an item in state ${to}` : "Imported an item in its state";
  },
  "workflow_comment.create": fixed("Commented on an item"),
  "workflow_comment.update": fixed("Edited a comment"),
  "workflow_comment.delete": fixed("Deleted a comment"),
  "workflow_attachment.upload": (f) => {
    const name = f.after("fileName");
    return name ? `Attached ${name} to an item` : "Attached a file to an item";
  },
  "workflow_attachment.delete": (f) => {
    const name = f.before("fileName");
    return name ? `Removed ${name} from an item` : "Removed a file from an item";
  },

  "notification.read": fixed("Read a notification"),
  "notification.read_all": fixed("Marked every notification read"),

  "system_settings.update": fixed("Changed the system settings"),

  "webhook.create": named("Added a webhook for", "url"),
  "webhook.update": fixed("Changed a webhook"),
  "webhook.delete": named("Removed the webhook for", "url"),
  "webhook.rotate_secret": fixed("Replaced a webhook's signing secret"),
  "webhook.redeliver": fixed("Sent a webhook delivery again"),

  "transfer.request": (f) => {
    const kind = f.after("kind") === "import" ? "an import" : "an export";
    const resource = f.after("resource")?.replaceAll("_", " ");
    return resource ? `Asked for ${kind} of ${resource}` : `Asked for ${kind}`;
  },
  "transfer.cancel": fixed("Cancelled an export or import"),
  "webhook.ping": fixed("Sent a test delivery to a webhook"),
} as const satisfies Record<string, Sentence>;

/** An action the trail records: `<entity>.<verb>`, each with its sentence. */
export type ActivityAction = keyof typeof ACTIVITY_SENTENCES;

export const ACTIVITY_ACTIONS = Object.keys(ACTIVITY_SENTENCES) as ActivityAction[];

export function isActivityAction(action: string): action is ActivityAction {
  return Object.hasOwn(ACTIVITY_SENTENCES, action);
}

function shortText(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() === "" ? undefined : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === "string"))
    return value.length === 0 ? undefined : value.join(", ");
  return undefined;
}

function fieldsOf(changes: ActivityChanges | null): ActivityFields {
  const before = (field: string) => shortText(changes?.before[field]);
  const after = (field: string) => shortText(changes?.after[field]);
  return { before, after, text: (field) => after(field) ?? before(field) };
}

/**
 * The entry as a sentence ("Signed in", "Created project Apollo"). A key
 * the catalogue does not know (a retired action in an old trail) reads as
 * its words, capitalised.
 */
export function describeActivity(entry: {
  action: string;
  changes?: ActivityChanges | null;
}): string {
  if (isActivityAction(entry.action))
    return ACTIVITY_SENTENCES[entry.action](fieldsOf(entry.changes ?? null));
  const words = entry.action.replace(/[._]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The sentence an action says without the entry's details: for pickers and filters. */
export function activityActionLabel(action: ActivityAction): string {
  return ACTIVITY_SENTENCES[action](fieldsOf(null));
}
