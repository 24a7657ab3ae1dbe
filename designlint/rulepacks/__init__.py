"""Rule packs: rules as data."""
