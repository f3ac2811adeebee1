"""The register of the city's social media channels (§7, §11-§14).

For now the minimal register the foundation needs (platform, name, owning unit, maintainers);
the channel-governance work grows it with goals, resources, requests and campaigns.
"""
