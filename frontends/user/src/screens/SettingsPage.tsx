import { errorMessage, fieldErrors, useDocumentTitle, useSession, useToast } from "@quire/shell-sdk";
import { Button, ErrorState, Field, Skeleton } from "@quire/ui";
import { type FormEvent, useState } from "react";
import {
  type Profile,
  type ProfileInput,
  type SocialLinks,
  useChangePassword,
  useProfile,
  useUpdateProfile,
} from "../api/account";
import { AvatarForm } from "../components/AvatarForm";
import { MyNav } from "../components/MyNav";

const NAME_MAX = 50;
const BIO_MAX = 200;

const SOCIAL_FIELDS: Array<{ key: keyof SocialLinks; label: string; placeholder: string }> = [
  { key: "website", label: "Website", placeholder: "https://example.com" },
  { key: "github", label: "GitHub", placeholder: "https://github.com/you" },
  { key: "twitter", label: "X (Twitter)", placeholder: "https://x.com/you" },
  { key: "linkedin", label: "LinkedIn", placeholder: "https://www.linkedin.com/in/you" },
];

function ProfileForm({ profile }: { profile: Profile }) {
  const session = useSession();
  const toast = useToast();
  const update = useUpdateProfile();
  const [name, setName] = useState(profile.name);
  const [bio, setBio] = useState(profile.bio ?? "");
  const [links, setLinks] = useState<Record<keyof SocialLinks, string>>({
    website: profile.socialLinks?.website ?? "",
    github: profile.socialLinks?.github ?? "",
    twitter: profile.socialLinks?.twitter ?? "",
    linkedin: profile.socialLinks?.linkedin ?? "",
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const socialLinks: ProfileInput["socialLinks"] = {};
    for (const { key } of SOCIAL_FIELDS) {
      const value = links[key].trim();
      if (value) socialLinks[key] = value;
    }
    update.mutate(
      { name: name.trim(), bio: bio.trim() || null, socialLinks },
      {
        onSuccess: (saved) => {
          // The header shows the session's copy of the user.
          if (session.accessToken) {
            const { id, email, name: savedName, avatarUrl, role } = saved;
            session.signIn({
              accessToken: session.accessToken,
              user: { id, email, name: savedName, avatarUrl, role },
            });
          }
          toast.show("Profile saved", { tone: "success" });
        },
      },
    );
  };

  const fields = fieldErrors(update.error);
  const generalError = update.error && Object.keys(fields).length === 0 ? errorMessage(update.error) : null;

  return (
    <form className="q-user-form" onSubmit={onSubmit} aria-labelledby="q-user-profile-heading">
      <h2 id="q-user-profile-heading" className="q-user-subtitle">
        Profile
      </h2>
      {generalError ? (
        <p className="q-user-error" role="alert">
          {generalError}
        </p>
      ) : null}
      <Field label="Display name" hint={`${name.length}/${NAME_MAX}`} error={fields.name}>
        {(control) => (
          <input
            {...control}
            className="q-input"
            type="text"
            name="name"
            autoComplete="nickname"
            required
            maxLength={NAME_MAX}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </Field>
      <Field label="Bio" hint={`${bio.length}/${BIO_MAX}`} error={fields.bio}>
        {(control) => (
          <textarea
            {...control}
            className="q-input"
            name="bio"
            rows={3}
            maxLength={BIO_MAX}
            value={bio}
            onChange={(e) => setBio(e.target.value)}
          />
        )}
      </Field>
      <fieldset className="q-user-fieldset">
        <legend>Links</legend>
        {SOCIAL_FIELDS.map(({ key, label, placeholder }) => (
          <Field key={key} label={label} error={fields[`socialLinks.${key}`]}>
            {(control) => (
              <input
                {...control}
                className="q-input"
                type="url"
                name={key}
                inputMode="url"
                placeholder={placeholder}
                value={links[key]}
                onChange={(e) => setLinks((current) => ({ ...current, [key]: e.target.value }))}
              />
            )}
          </Field>
        ))}
      </fieldset>
      <Button type="submit" disabled={update.isPending}>
        {update.isPending ? "Saving…" : "Save profile"}
      </Button>
    </form>
  );
}

function PasswordForm() {
  const session = useSession();
  const toast = useToast();
  const change = useChangePassword();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: (payload) => {
          // Changing the password ends other sessions; this one continues with the new token.
          session.signIn({ accessToken: payload.accessToken, user: payload.user });
          setCurrentPassword("");
          setNewPassword("");
          toast.show("Password changed", { tone: "success" });
        },
      },
    );
  };

  const fields = fieldErrors(change.error);
  const generalError = change.error && Object.keys(fields).length === 0 ? errorMessage(change.error) : null;

  return (
    <form className="q-user-form" onSubmit={onSubmit} aria-labelledby="q-user-password-heading">
      <h2 id="q-user-password-heading" className="q-user-subtitle">
        Password
      </h2>
      {generalError ? (
        <p className="q-user-error" role="alert">
          {generalError}
        </p>
      ) : null}
      <Field label="Current password" error={fields.currentPassword}>
        {(control) => (
          <input
            {...control}
            className="q-input"
            type="password"
            name="current-password"
            autoComplete="current-password"
            required
            value={currentPassword}
            onChange={(e) => setCurrentPassword(e.target.value)}
          />
        )}
      </Field>
      <Field
        label="New password"
        hint="At least 8 characters, with an upper-case letter and a digit."
        error={fields.newPassword}
      >
        {(control) => (
          <input
            {...control}
            className="q-input"
            type="password"
            name="new-password"
            autoComplete="new-password"
            required
            value={newPassword}
            onChange={(e) => setNewPassword(e.target.value)}
          />
        )}
      </Field>
      <Button type="submit" disabled={change.isPending}>
        {change.isPending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}

export function SettingsPage() {
  useDocumentTitle("Settings");
  const profile = useProfile();

  return (
    <section className="q-user q-user-page" aria-labelledby="q-user-settings-heading">
      <h1 id="q-user-settings-heading" className="q-user-title">
        Settings
      </h1>
      <MyNav />
      {profile.isPending ? (
        <div className="q-user-form" aria-hidden="true">
          <Skeleton width="40%" height="1.5rem" />
          <Skeleton height="2.5rem" />
          <Skeleton height="6rem" />
        </div>
      ) : profile.isError || !profile.data ? (
        <ErrorState
          title="Your profile could not be loaded"
          message={profile.error?.message ?? "Sign in again to change your settings."}
          action={<Button onClick={() => void profile.refetch()}>Try again</Button>}
        />
      ) : (
        <div className="q-user-settings">
          <AvatarForm profile={profile.data} />
          <ProfileForm key={profile.data.id} profile={profile.data} />
          <PasswordForm />
        </div>
      )}
    </section>
  );
}
