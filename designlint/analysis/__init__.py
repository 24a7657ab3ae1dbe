"""Analyses of a design that checks, diagrams and the site share: pure functions of the model."""
