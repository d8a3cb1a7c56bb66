-- Exploration (issue 13): the probability with which the planner chose a retry's time, so that
-- retraining can weigh each retry by its inverse. On a plan it belongs to the current decision;
-- the scheduler copies it onto the attempt it makes, as it copies the predicted probability.
-- Null where no planner of ours chose the time: registered and reported attempts, and rows from
-- before this migration. A probability of 0 would be a time that could not have been chosen.
alter table payment_plans add column selection_probability double precision
  check (selection_probability > 0 and selection_probability <= 1);
alter table attempts add column selection_probability double precision
  check (selection_probability > 0 and selection_probability <= 1);
