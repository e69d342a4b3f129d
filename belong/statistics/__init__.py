"""Statistics (an orchestrator): the figures each app offers a municipality's dashboard."""
