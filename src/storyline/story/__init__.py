"""The story: event clusters, figure series, disputes, negotiation state and the timeline."""
