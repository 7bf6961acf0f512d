"""Below every app: numbers, the domain error types and file gates. Nothing here knows a model."""
