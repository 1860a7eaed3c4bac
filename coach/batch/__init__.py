"""Batch scoring of video folders: parallel (local processes or Ray), resumable, one results table."""

from coach.batch.run import BatchError, BatchReport, Plan, plan_batch, run_batch, run_plan

__all__ = ["BatchError", "BatchReport", "Plan", "plan_batch", "run_batch", "run_plan"]
