// Choosing the ticket's category pair at start: the host's proposal if it is on the admin's
// list, else the classifier's answer when it is confident, else nothing (the category
// parameters keep their defaults rather than carrying a guess). The choice and why it was
// made go into the audit trail and, through {{categorization}}, into the work notes.

#include "escalation/state.hpp"
#include "ticketbridge/text/decimal.hpp"

namespace tb {

namespace {

std::string percent(double confidence) {
  return text::format_fixed(confidence, 2);
}

}  // namespace

CategoryChoice choose_category(const Conversation& c, const StartOptions& o, double threshold) {
  CategoryChoice choice;
  CategoryPair proposal;
  if (!o.category.empty()) proposal = {o.category, o.sub_category};
  else if (!c.category.empty()) proposal = {c.category, c.sub_category};

  if (!o.categories || o.categories->pairs.empty()) {
    if (!proposal.category.empty()) {
      choice.pair = proposal;
      choice.source = "host";
      choice.note = "category " + proposal.category + " / " + proposal.sub_category + " proposed by the host (no category list to check it against)";
    }
    return choice;
  }
  if (!proposal.category.empty()) {
    auto resolved = resolve(proposal, *o.categories);
    if (resolved) {
      choice.pair = std::move(resolved).value();
      choice.source = "host";
      choice.confidence = 1;
      choice.note = "category " + choice.pair->category + " / " + choice.pair->sub_category + " proposed by the host, on the list";
      return choice;
    }
    choice.note = "proposed category " + proposal.category + " / " + proposal.sub_category + " rejected: " +
                  resolved.error().message + "; ";
  }
  ClassifyOptions options;
  if (threshold >= 0) options.threshold = threshold;
  const Classification result = classify(c, *o.categories, options);
  if (result.pair) {
    choice.pair = result.pair;
    choice.source = "classifier";
    choice.confidence = result.confidence;
    choice.note += "category " + result.pair->category + " / " + result.pair->sub_category +
                   " chosen by the classifier (confidence " + percent(result.confidence) + ")";
  } else {
    choice.note += "no category: the classifier was not confident enough";
    if (!result.alternatives.empty()) {
      const ScoredPair& best = result.alternatives.front();
      choice.note += " (best " + best.pair.category + " / " + best.pair.sub_category + " at " + percent(best.confidence) +
                     ", threshold " + percent(options.threshold) + ")";
    }
    choice.note += "; the category parameters keep their defaults";
  }
  return choice;
}

}  // namespace tb
