#include "domain/review_service.hpp"

namespace mswa::domain {

ReviewService::ReviewService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

Result<Assignment> ReviewService::assign(const Actor& actor, const std::string& application_id,
                                         const std::string& reviewer_id) {
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  auto app = uow->applications().find(application_id);
  if (!app) return not_found();
  if (app->status != ApplicationStatus::submitted && app->status != ApplicationStatus::under_review)
    return wrong_state("Only a submitted application can be reviewed; this one is " + std::string(to_string(app->status)) + ".",
                       to_string(app->status));
  const auto reviewer = uow->users().find(reviewer_id);
  if (!reviewer || !reviewer->active || reviewer->role != Role::reviewer)
    return invalid_field("/reviewer_id", "must name an active user with the reviewer role", "not_a_reviewer");
  if (reviewer->organisation_id == app->organisation_id)
    return conflict("The reviewer belongs to the applicant organisation.", "reviewer_conflict");
  if (uow->reviews().assignment_for(application_id, reviewer_id))
    return conflict("The reviewer is already assigned to this application.", "already_assigned");
  Assignment assignment = uow->reviews().assign(application_id, reviewer_id, now);
  uow->audit().append({now, actor, "application.assign_reviewer", "application", application_id, "success",
                       {{"reviewer_id", reviewer_id}}});
  if (app->status == ApplicationStatus::submitted) {
    const auto before = app->version;
    app->status = ApplicationStatus::under_review;
    app->version = before + 1;
    app->updated_at = now;
    if (!uow->applications().update(*app, before))
      return stale("The application changed meanwhile; try again.");
    uow->audit().append({now, actor, "application.review_start", "application", application_id, "success",
                         {{"status", change_text("submitted", "under_review")}}});
  }
  uow->commit();
  return assignment;
}

Result<Review> ReviewService::review(const Principal& who, const std::string& request_id,
                                     const std::string& application_id, const ReviewInput& input) {
  const EpochMs now = clock_.now_ms();
  auto uow = store_.begin(Access::write);
  const auto assignment = uow->reviews().assignment_for(application_id, who.user_id);
  if (!assignment) {
    if (uow->applications().find(application_id)) {  // ids that name nothing stay out of the trail
      uow->audit().append({now, Actor::of(who, request_id), "application.review", "application", application_id, "denied"});
      uow->commit();
    }
    return not_found();
  }
  const auto app = uow->applications().find(application_id);
  if (app->status != ApplicationStatus::under_review)
    return wrong_state("The application is " + std::string(to_string(app->status)) + "; reviews are closed.",
                       to_string(app->status));
  if (uow->reviews().review_for(assignment->id))
    return conflict("You have reviewed this application already.", "already_reviewed");
  const auto call = uow->calls().find(app->call_id);
  if (auto errors = validate(input, *call); !errors.empty()) return invalid(std::move(errors));
  Review review = uow->reviews().add_review(*assignment, input, now);
  // The comment is review text: it stays out of the audit trail.
  uow->audit().append({now, Actor::of(who, request_id), "application.review", "application", application_id, "success",
                       {{"conflict_of_interest", input.conflict_of_interest ? "true" : "false"},
                        {"recommendation", input.recommendation ? std::string(to_string(*input.recommendation)) : "none"}}});
  uow->commit();
  return review;
}

Result<ReviewsView> ReviewService::reviews(const std::string& application_id) {
  auto uow = store_.begin(Access::read);
  const auto app = uow->applications().find(application_id);
  if (!app) return not_found();
  const auto call = uow->calls().find(app->call_id);
  ReviewsView view;
  view.reviews = uow->reviews().reviews(application_id);
  view.summary = summarise(view.reviews, *call);
  uow->commit();
  return view;
}

}  // namespace mswa::domain
