-- A member's name as their identity provider gave it at their last sign-in (MemberJoined,
-- UserSignedIn), so that what a key acting as them does is attributed to the same name as what
-- their session does. Rows of members who have not signed in since keep null and show the email.
ALTER TABLE member_registry ADD COLUMN display_name VARCHAR(300);
