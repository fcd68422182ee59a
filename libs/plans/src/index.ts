export * from './plans.module';
export * from './plans.service';
export * from './yearly-plans.service';
export { IndicatorRegistry, type IndicatorProvider, type IndicatorUnit, INDICATOR_UNITS } from './indicators/indicator-registry';
export { PLAN_ITEMS } from './plan-items';
