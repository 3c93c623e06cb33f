export { authorizeTransition, availableTransitions, type TransitionActor, transitionActorSchema } from "./authorize-transition.ts";
export {
  findRule,
  resubmissionTarget,
  type SystemActorKind,
  TRANSITION_RULES,
  type TransitionLevel,
  type TransitionRule,
} from "./rules.ts";
