"""The home page after sign-in: per role what needs doing, for everyone what is new and their own figures."""
