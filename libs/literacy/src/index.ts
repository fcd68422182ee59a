export * from './analysis';
export * from './literacy.module';
export * from './assessments/assessments.service';
export * from './results/results-import.service';
export * from './computation/literacy-analysis.service';
export * from './bank/item-bank.service';
export * from './equating/equating.service';
